import { constants } from 'node:fs';

/**
 * Open flags for event logs. O_NOFOLLOW (where the platform has it) makes the open fail
 * with ELOOP when a symbolic link was planted at the log path, so genie never reads or
 * appends to the file such a link points at, wherever that is.
 */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export const READ_LOG_FLAGS = constants.O_RDONLY | NO_FOLLOW;
export const APPEND_LOG_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NO_FOLLOW;
