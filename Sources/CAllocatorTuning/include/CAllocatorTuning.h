#ifndef CONFIDE_ALLOCATOR_TUNING_H
#define CONFIDE_ALLOCATOR_TUNING_H

/// Keeps memory the process frees for its own reuse instead of returning it to the kernel
/// (glibc: one arena, large blocks from the heap up to 32 MiB, no trimming). Does nothing where
/// the C library is not glibc.
void confide_keep_freed_memory(void);

#endif
