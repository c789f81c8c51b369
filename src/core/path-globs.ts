/**
 * How globs match repository paths (picomatch options): dotfiles and dot-folders are matched, and
 * a name may hold a line break or other control character — without the `s` flag picomatch's `**`
 * stops at a line break, and such a file would silently go unlinted.
 */
export const PATH_GLOB_OPTIONS = { dot: true, flags: 's' } as const;
