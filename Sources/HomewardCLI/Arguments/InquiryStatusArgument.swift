import ArgumentParser

/// The inquiry statuses `inquiry list --status` accepts.
enum InquiryStatusArgument: String, CaseIterable, ExpressibleByArgument {
    case open, linked, resolved, withdrawn, merged
}
