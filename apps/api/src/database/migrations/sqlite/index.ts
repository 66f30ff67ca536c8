import { Initial1795317772675 } from './1795317772675-Initial';

/** In order of creation; generated names sort by timestamp. */
export const SQLITE_MIGRATIONS: (new () => unknown)[] = [Initial1795317772675];
