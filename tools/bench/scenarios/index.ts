import { alertsScenario } from './alerts';
import { casesScenario } from './cases';
import type { ListScenario } from './scenario';

/** Every list benchmark by its command-line name; the baseline server looks scenarios up here too. */
export const SCENARIOS: Record<string, ListScenario> = {
  [alertsScenario.name]: alertsScenario,
  [casesScenario.name]: casesScenario,
};
