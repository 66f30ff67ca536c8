import { Initial1795317772675 } from './1795317772675-Initial';
import { AddConnectors1795319178744 } from './1795319178744-AddConnectors';
import { AddAlerts1795322565743 } from './1795322565743-AddAlerts';
import { AddAlertIngestion1795326026002 } from './1795326026002-AddAlertIngestion';
import { AddCases1795326171916 } from './1795326171916-AddCases';
import { AddCaseFiles1795326761319 } from './1795326761319-AddCaseFiles';

/** In order of creation; generated names sort by timestamp. */
export const MYSQL_MIGRATIONS: (new () => unknown)[] = [Initial1795317772675, AddConnectors1795319178744, AddAlerts1795322565743, AddAlertIngestion1795326026002, AddCases1795326171916, AddCaseFiles1795326761319];
