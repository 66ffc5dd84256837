import Foundation

extension String {
    /// The NFKC form, in which NIST SP 800-63B has passwords compared and hashed: a
    /// composed and a decomposed "é", or "ﬁ" and "fi", become the same password.
    var nfkcNormalized: String {
        precomposedStringWithCompatibilityMapping
    }
}
