// Errors that are the user's to fix (exit 2), shared by the CLI and the layers below it.

/** A flag, command, name or id that does not exist, or a value out of range. */
export class UsageError extends Error {}

/** The user quit the interactive screen while a run was going: exit 130, as for Ctrl-C. */
export class Interrupted extends Error {}
