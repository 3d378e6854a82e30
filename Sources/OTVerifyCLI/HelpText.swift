/// Help text of every command, with units and defaults.
enum HelpText {
    static let main = """
    otverify: checks the transformer construction for entropic optimal transport
    in MPFR arbitrary-precision arithmetic.

    Usage:
      otverify                      run the default campaign and write its report
      otverify campaign [options]   the same, with options
      otverify reference [options]  print the entropic plan P*_λ and dual potentials
      otverify run [options]        run the construction on your points, print per-layer metrics
      otverify check [options]      verdicts for the claims T1, L1, T2, T2p, S1, M1
      otverify bench [options]      time one layer of each engine against Python baselines
      otverify properties [options] search generated cases for counterexamples to properties
      otverify COMMAND --help       options of one command

    Exit status: 0 on success, 2 for invalid input, 1 when a computation fails.
    """

    static let campaign = """
    Usage: otverify campaign [--output DIR] [--precision BITS] [--threads N]
                             [--skip-claims] [--skip-properties] [--quiet]

    Runs the built-in default campaign (the notebook instance, a sorting list of
    15, iris setosa against versicolor, random instances), checks the claims on
    it (as 'otverify check' does), runs every property on 20 generated cases, and
    writes default-campaign.md, .json and .csv into DIR. All three files are replaced
    together, or none is when the run fails.

      --output DIR       folder for the report (default: Reports)
      --precision BITS   MPFR working precision in bits, 53 to 65536 (default: 256)
      --threads N        instances run at once (default: the number of cores);
                         the report does not depend on it
      --skip-claims      leave out the claim verdicts (otverify check)
      --skip-properties  leave out the property tests (otverify properties)
      --quiet            no progress lines on standard error
    """

    static let reference = """
    Usage: otverify reference --source S.csv --target T.csv --lambda L
                              [--precision BITS] [--tolerance TOL]
                              [--max-iterations N] [--format json|csv] [--quiet]

    Solves entropic OT with uniform marginals 1/n and the squared Euclidean cost
    C_ij = ‖x_i − y_j‖² by log-domain Sinkhorn, and prints the plan P*_λ and the
    balanced dual minimizer (u*, v*) with Σu* = Σv*, where
    P*_ij = exp((−C_ij + u_i + v_j)/λ − 1).

      --source S.csv      source points x_i: one point per row, comma-separated
                          decimal numbers, optional header row
      --target T.csv      target points y_j: same number of rows and columns
      --lambda L          regularization λ > 0, in the units of the cost
                          (squared units of the coordinates), parsed exactly
      --precision BITS    MPFR working precision, 53 to 65536 (default: 256)
      --tolerance TOL     largest accepted |marginal − 1/n| (default: 2^(−BITS/2))
      --max-iterations N  Sinkhorn iteration cap per attempt and per ε-scaling
                          stage (default: 200000)
      --format json|csv   output format (default: json). JSON keys: plan, u, v,
                          marginalError, precisionBits, iterations
      --quiet             no progress lines on standard error (Sinkhorn reports
                          about every 5 seconds, and when it restarts with
                          ε-scaling after a stall)

    Fails with exit status 1, and prints no plan, when the tolerance is not met.
    """

    static let run = """
    Usage: otverify run --source S.csv --target T.csv --lambda L --gamma G --layers N
                        [--precision BITS] [--format json|csv] [--quiet]

    Builds the engineered prompt from your points (zero initial duals), runs N
    hidden layers of the hand-set two-head transformer with constant stepsize G,
    runs the dual gradient descent it is claimed to implement from the same
    start, and prints metrics against the Sinkhorn plan at layers 0, 1, 2, 5,
    10, 20, 50, … and N.

      --source S.csv, --target T.csv   point files, as for 'otverify reference'
      --lambda L          regularization λ > 0, parsed exactly
      --gamma G           stepsize γ > 0 of every layer, parsed exactly
      --layers N          number of hidden layers, 1 to 100000000
      --precision BITS    MPFR working precision, 53 to 65536 (default: 256)
      --format json|csv   output format (default: json); JSON has key 'layers'
                          with one object per reported layer (key 'layer')
      --quiet             no progress lines on standard error
    """

    static let check = """
    Usage: otverify check [--claims T1,L1,T2,T2p,S1,M1] [--instance NAME]
                          [--source S.csv --target T.csv --lambda L --gamma G --layers N]
                          [--gamma-over-lambda R] [--precision BITS] [--precision-cap BITS]
                          [--threads N] [--format json|md] [--quiet]

    Decides each claim on the default claim campaign, on one of its instances
    (--instance), or on your points. A verdict is holds, refuted, not-reached
    (a precondition such as T2's depth threshold is beyond the budget) or
    undecided. Every decisive quantity is computed at BITS and at BITS + 64;
    their difference is the rounding estimate, and a verdict is given only when
    the margin exceeds 8 times that estimate. Otherwise the precision doubles,
    up to the cap, before the answer is undecided. Proofs/ states every formula.

      --claims LIST           claims to check (default: all)
      --instance NAME         one instance of the default claim campaign
      --source, --target, --lambda, --gamma, --layers
                              your points, as for 'otverify run'; --layers is the
                              depth budget of every check
      --gamma-over-lambda R   the γ/λ of M1 (default: the grid 0.125, 0.25, 0.4,
                              0.5, 1, 2, 4, or your γ/λ with --source)
      --precision BITS        starting working precision, 53 to 65536 (default: 256)
      --precision-cap BITS    largest precision tried (default: 4096)
      --threads N             instances checked at once (default: the number of cores)
      --format json|md        output format (default: json). JSON: key 'claims',
                              one object per claim, reading and instance with keys
                              id, reading, instance, verdict, margin,
                              roundingEstimate, precisionBits, evidence

    Exit status 0 when the checks ran, whatever the verdicts; 2 for invalid input.
    """

    static let bench = """
    Usage: otverify bench [--sizes N,N,...] [--precisions BITS,BITS,...]
                          [--repetitions R] [--baselines DIR] [--mpmath-max-n N]
                          [--skip-python] [--quiet]

    Times one hidden layer (two heads, d = 1, λ = 1/10, γ = 1/20) of the generic
    and the factored engine, the generic engine's exponentials alone, and the
    same layer in numpy (53 bits only), mpmath and python-flint, and prints a
    Markdown table of median microseconds and ratios. At 53 bits the Swift
    engines run in Double, otherwise in MPFR.

      --sizes N,...        numbers of points n (default: 8,32,64,128)
      --precisions B,...   precisions in bits, 53 to 65536 (default: 53,256,1024)
      --repetitions R      timed layers per engine and size, after one warm-up
                           layer (default: 5)
      --baselines DIR      folder with baseline.py (default: Benchmarks); on first
                           use it creates DIR/.venv and installs numpy, mpmath and
                           python-flint from PyPI
      --mpmath-max-n N     largest n timed in mpmath, which is slow (default: 64)
      --skip-python        time the Swift engines only
      --quiet              no progress lines on standard error
    """

    static let properties = """
    Usage: otverify properties [--property NAME] [--cases N] [--seed S] [--seconds T]
                               [--precision BITS] [--output DIR] [--quiet]
           otverify properties --replay FILE

    Checks properties of the construction and the reference solver on generated
    cases. Case i of a run depends only on the seed and i. The run of a property
    stops at its first failing case, shrinks it to a minimal one, prints it with
    its seed and a replay command, and saves it as DIR/NAME-seedS.json. A
    coverage table shows what was generated.

      --property NAME    run one property (default: all of them)
      --cases N          generated cases per property (default: 100)
      --seed S           seed of the generator, 0 to 2^64 − 1 (default: 20241029)
      --seconds T        stop generating cases after T seconds per property;
                         shrinking a counterexample then gets T seconds more
                         (a single case is never interrupted)
      --precision BITS   MPFR working precision, 53 to 65536 (default: 128)
      --output DIR       folder for counterexample files (default: property-counterexamples)
      --quiet            no progress lines on standard error
      --replay FILE      check a saved case again; exit status 0 when the verdict
                         and message equal the recorded ones, 1 otherwise

    Exit status 1 when a property expected to hold has a counterexample.
    """
}
