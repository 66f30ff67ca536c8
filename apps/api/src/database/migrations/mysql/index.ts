import { Initial1795317772675 } from './1795317772675-Initial';
import { AddConnectors1795319178744 } from './1795319178744-AddConnectors';
import { AddAlerts1795322565743 } from './1795322565743-AddAlerts';

/** In order of creation; generated names sort by timestamp. */
export const MYSQL_MIGRATIONS: (new () => unknown)[] = [Initial1795317772675, AddConnectors1795319178744, AddAlerts1795322565743];
