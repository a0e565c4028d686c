// The one exit-code contract of every command, and the sentence every --help ends with.
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILED | typeof EXIT_USAGE;

export const EXIT_CONTRACT =
  "exit codes (every command): 0 success; 1 a check or property failed; 2 usage error or unreadable input";

/** The help footer: the shared contract, then what 0/1/2 mean for this command. */
export const exitHelp = (specific: string): string => `${EXIT_CONTRACT}\n  ${specific}`;
