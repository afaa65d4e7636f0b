import CAllocatorTuning

/// How the C allocator treats the large arrays a report builds.
///
/// Estimating a table for a million respondents makes and frees arrays of a million values
/// dozens of times. By default glibc maps each from fresh pages and returns them when freed, so
/// the kernel faults in and zeroes every array again: about a fifth of a report's time at a
/// million respondents (see `Benchmarks/report-vs-r`). Kept, freed memory is reused.
enum AllocatorTuning {
  /// Keeps freed memory in the process for reuse. Call before the work starts.
  static func keepFreedMemory() {
    confide_keep_freed_memory()
  }
}
