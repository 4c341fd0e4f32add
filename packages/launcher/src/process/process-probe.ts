import type { ProcessProbe } from '@genie/storage';
import { isProcessAlive, processStartTime } from './process-identity';

/** What a store's lock needs to know about processes, from the package that owns them. */
export const processProbe: ProcessProbe = {
  startTime: processStartTime,
  isAlive: (pid, startTime) => isProcessAlive(pid, startTime),
};
