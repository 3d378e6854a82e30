print("otverify")
