import ArbitraryPrecision
import Campaign

/// The Markdown summary of a campaign: what was run, a table per instance,
/// and the observations that follow directly from the numbers.
public enum CampaignMarkdown {
    static func short<Real: RealNumber>(_ value: Real) -> String { value.formatted(significantDigits: 4) }

    public static func render<Real: RealNumber>(_ results: [InstanceResult<Real>], title: String, preamble: [String]) -> String {
        var lines = ["# \(title)", ""]
        lines += preamble
        lines += ["", "## Summary at the last layer", ""]
        lines += [
            "| instance | n | d | λ | γ | depth | bits | ‖M − P*‖₁ | ‖A/n − P*‖₁ | algorithm ‖M − P*‖₁ | max \\|transformer − algorithm\\| | readout error |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for result in results {
            guard let last = result.layers.last else { continue }
            let instance = result.instance
            lines.append("| \(instance.name) | \(instance.count) | \(instance.dimension) | \(instance.regularization) | \(instance.stepsize) | \(instance.layers) | \(result.precisionBits) | \(short(last.kernelError)) | \(short(last.attentionError)) | \(short(last.algorithmKernelError)) | \(short(last.algorithmDeviation)) | \(last.readoutError.map(short) ?? "n/a") |")
        }
        lines += ["", "## Observations", ""]
        lines += observations(results)
        lines += ["", "## How to read the tables", ""]
        lines += legend
        for result in results {
            lines += [""] + instanceSection(result)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let legend = [
        "- `‖M − P*‖₁`: entrywise ℓ1 distance between M(u, v) = exp((−C + u·1ᵀ + 1·vᵀ)/λ − 1), built from the transformer's u and v columns of tokens 1..n, and the Sinkhorn plan P*_λ.",
        "- `‖A/n − P*‖₁`: the same for head U's attention pattern restricted to keys 1..n and renormalized by rows, divided by n.",
        "- `algorithm`: the dual gradient descent u_i ← u_i − γ(r_i − 1/n)/(r_i + 1), v_j ← v_j − γ(c_j − 1/n)/(c_j + 1), run on its own from the same start.",
        "- `max |transformer − algorithm|`: the largest difference between the transformer's u, v columns and the algorithm's iterate after the same number of layers.",
        "- `row err`, `col err`: max_i |r_i − 1/n| and max_j |c_j − 1/n| for M^(ℓ). `L`: the dual objective L(u, v) = λ Σ M_ij − (Σu + Σv)/n.",
        "- `readout error` (d = 1): max_i |readout_i − x matched to target i by the optimal assignment|; with increasing targets, the error against the sorted list.",
        "- `token n+1 (u, v)`: the u and v entries of the extra token, which start at 0 and enter every real query's score for key n + 1 as v_{n+1}/λ (head U) and u_{n+1}/λ (head V).",
        "- Numbers are rounded to 4 significant digits here; the JSON and CSV files carry every digit of the working precision.",
    ]

    static func observations<Real: RealNumber>(_ results: [InstanceResult<Real>]) -> [String] {
        var lines: [String] = []
        for result in results {
            guard let last = result.layers.last else { continue }
            let first = result.layers.first { $0.layer == 1 }
            let second = result.layers.first { $0.layer == 2 }
            var sentence = "- **\(result.instance.name)**: after \(last.layer) layers ‖M − P*‖₁ = \(short(last.kernelError)) for the transformer, ‖A/n − P*‖₁ = \(short(last.attentionError)), and ‖M − P*‖₁ = \(short(last.algorithmKernelError)) for the separately run algorithm."
            if let first, let second {
                sentence += " The u, v columns differ from the algorithm by \(short(first.algorithmDeviation)) after layer 1 and by \(short(second.algorithmDeviation)) after layer 2; token n + 1 then holds u = \(short(second.extraTokenU)), v = \(short(second.extraTokenV))."
            }
            lines.append(sentence)
        }
        return lines
    }

    static func instanceSection<Real: RealNumber>(_ result: InstanceResult<Real>) -> [String] {
        let instance = result.instance
        var lines = [
            "## \(instance.name)", "",
            "\(instance.summary). λ = \(instance.regularization), γ = \(instance.stepsize), \(instance.layers) layers, \(result.precisionBits)-bit MPFR, engine `\(result.engine)`.", "",
            "Reference: log-domain Sinkhorn, \(result.reference.iterations) iterations, marginal error \(short(result.reference.marginalError)) (tolerance \(short(result.referenceTolerance))). ⟨C, P*_λ⟩ = \(short(result.entropicCost)); optimal assignment cost \(short(result.assignment.cost)); min L = \(short(result.optimalDualObjective)).", "",
            "| layer | ‖M − P*‖₁ | ‖A/n − P*‖₁ | row err | col err | L | algorithm ‖M − P*‖₁ | algorithm L | max \\|transformer − algorithm\\| | readout error | token n+1 (u, v) |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for m in result.layers {
            lines.append("| \(m.layer) | \(short(m.kernelError)) | \(short(m.attentionError)) | \(short(m.maxRowError)) | \(short(m.maxColumnError)) | \(short(m.dualObjective)) | \(short(m.algorithmKernelError)) | \(short(m.algorithmDualObjective)) | \(short(m.algorithmDeviation)) | \(m.readoutError.map(short) ?? "n/a") | \(short(m.extraTokenU)), \(short(m.extraTokenV)) |")
        }
        return lines
    }
}
