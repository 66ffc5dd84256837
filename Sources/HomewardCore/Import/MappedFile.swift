#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory whose pages can be handed back once they are read,
/// so that a large import file read from start to end keeps only a window of it resident.
///
/// The pages are the kernel's page cache: handing them back costs nothing but a page fault
/// if they are read again. Like any mapping, a file truncated by another process while it
/// is read ends the reader with SIGBUS; import files are the user's own and not shared.
final class MappedFile: @unchecked Sendable {
    /// The whole file; empty (with no base address) for an empty file.
    let bytes: UnsafeBufferPointer<UInt8>
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path`, refusing a file larger than `maxBytes` before mapping it.
    init(path: String, maxBytes: Int) throws(CSVFileError) {
        // Non-blocking, so that a named pipe with no writer is refused instead of waited on.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        // "-" is standard input elsewhere; here it can only be a file of that name.
        guard descriptor >= 0 else { throw path == "-" || path.hasSuffix("/-") ? .notAFile(path: path) : .cannotOpen(path: path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        let size = Int(status.st_size)
        guard size <= maxBytes else { throw .tooLarge(bytes: size, limit: maxBytes) }
        guard size > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw .cannotOpen(path: path)
        }
        // Read from start to end: the kernel may read ahead.
        _ = madvise(base, size, MADV_SEQUENTIAL)
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
    }

    /// Lets the whole pages inside `range` go from this process's memory; reading them again
    /// maps them in again.
    func release(_ range: Range<Int>) {
        guard let base = bytes.baseAddress else { return }
        let start = (range.lowerBound + pageSize - 1) / pageSize * pageSize
        let end = range.upperBound == bytes.count ? range.upperBound : range.upperBound / pageSize * pageSize
        guard start < end else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
