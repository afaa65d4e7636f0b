#include "CAllocatorTuning.h"

// <malloc.h> is where glibc declares mallopt; __GLIBC__ is only defined once a C library
// header has been read.
#if defined(__linux__)
#include <malloc.h>
#endif

void confide_keep_freed_memory(void) {
#if defined(__GLIBC__)
  // One arena: reports allocate few, large blocks from two threads, and separate arenas would
  // each keep their own.
  mallopt(M_ARENA_MAX, 1);
  // Blocks up to 32 MiB (a million doubles is 8 MiB) come from the heap, not from fresh
  // mappings that the kernel must fault in and zero on every use.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // Larger blocks too (several columns of a million values), which mallopt cannot raise the
  // threshold above: no block is mapped on its own, so every freed one can be reused.
  mallopt(M_MMAP_MAX, 0);
  // Freed memory stays in the heap for the next array, up to 1 GiB of it.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
