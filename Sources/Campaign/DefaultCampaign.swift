/// The built-in campaign that `otverify` runs without arguments.
public enum DefaultCampaign {
    /// The seed of every random draw in the default campaign.
    public static let seed: UInt64 = 20_241_029

    public static var instances: [Instance] {
        [notebook(), sortingList(), iris()] + randomInstances()
    }

    /// The setting of the author's d = 1 notebook: x a random permutation of
    /// {0, …, 5}/6, y_j = j, λ = 0.1, γ = 0.05, u^(0) ~ N(0, 1) and
    /// v^(0) ~ U(0, 1) (both rounded to 6 decimals), 5001 layers.
    public static func notebook() -> Instance {
        var random = SplitMix64.substream(seed: seed, index: 0)
        let order = random.permutation(of: 6)
        let u0 = (0..<6).map { _ in ExactNumber.rounding(random.nextGaussian(), places: 6) }
        let v0 = (0..<6).map { _ in ExactNumber.rounding(random.nextUnitInterval(), places: 6) }
        return Instance(
            name: "notebook",
            summary: "d = 1, n = 6: x a random permutation of {0..5}/6, y_j = j, random initial duals",
            source: order.map { [.rational($0, 6)] },
            target: (0..<6).map { [.rational($0, 1)] },
            regularization: .decimal("0.1"), stepsize: .decimal("0.05"), layers: 5001,
            initialU: u0, initialV: v0)
    }

    /// A sorting list of n = 15: x a random subset of {0, …, 49}/50 in random
    /// order, y_j = j/15 increasing, so the readout should approach sorted x.
    public static func sortingList() -> Instance {
        var random = SplitMix64.substream(seed: seed, index: 1)
        let values = random.permutation(of: 50).prefix(15)
        return Instance(
            name: "sorting-15",
            summary: "d = 1, n = 15: x a random subset of {0..49}/50, y_j = j/15",
            source: values.map { [.rational($0, 50)] },
            target: (0..<15).map { [.rational($0, 15)] },
            regularization: .decimal("0.01"), stepsize: .decimal("0.005"), layers: 3000)
    }

    /// Iris setosa (source) against versicolor (target): 50 points each in
    /// d = 4, coordinates in cm so costs in cm², λ = 1, γ = 0.5, 2000 layers.
    public static func iris() -> Instance {
        // The embedded data are fixed and valid, so parsing cannot fail.
        let table = try! PointSetCSV.table(irisCSV, fileName: "iris.csv")
        func species(_ name: String) -> [[ExactNumber]] {
            table.body.filter { $0.1[4] == name }.map { row in row.1.prefix(4).map { .decimal($0) } }
        }
        return Instance(
            name: "iris",
            summary: "iris setosa against versicolor, 50 flowers each, d = 4, cost in cm²",
            source: species("setosa"), target: species("versicolor"),
            regularization: .decimal("1"), stepsize: .decimal("0.5"), layers: 2000)
    }

    /// Small random instances: uniform points in a cube and Gaussian points,
    /// coordinates rounded to 3 decimals so they are exact.
    public static func randomInstances() -> [Instance] {
        let settings: [(name: String, kind: String, n: Int, d: Int, lambda: String, gamma: String, layers: Int)] = [
            ("uniform-1d", "uniform", 8, 1, "0.05", "0.025", 2000),
            ("gaussian-2d", "gaussian", 8, 2, "0.5", "0.25", 1000),
            ("uniform-3d", "uniform", 10, 3, "0.2", "0.1", 1000),
        ]
        return settings.enumerated().map { offset, setting in
            var random = SplitMix64.substream(seed: seed, index: UInt64(10 + offset))
            func point() -> [Double] {
                (0..<setting.d).map { _ in setting.kind == "gaussian" ? random.nextGaussian() : random.nextUnitInterval() }
            }
            let source = (0..<setting.n).map { _ in point() }
            var target = (0..<setting.n).map { _ in point() }
            // Increasing targets for d = 1, so the readout is compared with the sorted list.
            if setting.d == 1 { target.sort { $0[0] < $1[0] } }
            func exact(_ points: [[Double]]) -> [[ExactNumber]] {
                points.map { $0.map { ExactNumber.rounding($0, places: 3) } }
            }
            return Instance(
                name: setting.name,
                summary: "\(setting.kind) points, n = \(setting.n), d = \(setting.d), coordinates rounded to 3 decimals",
                source: exact(source), target: exact(target),
                regularization: .decimal(setting.lambda), stepsize: .decimal(setting.gamma), layers: setting.layers)
        }
    }
}
