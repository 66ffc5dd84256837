/// A defect in region tables, found while building a `RegionDirectory`.
///
/// Only the embedded tables are loaded in production and the tests load them, so these
/// surface during development rather than to users.
enum RegionDataError: Error, Equatable {
    case unreadable(String)
    case missingColumn(String)
    case duplicateCode(String)
    case unknownCode(String)
}
