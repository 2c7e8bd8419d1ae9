import type { Hours } from '../../schemas/hours';
import type { Hours211 } from '../schemas/hours';

/**
 * Opening times. 2.1.1 makes `regular_hours` and `twentyfourseven` a choice; 2.2.1 requires
 * `twentyfourseven` and wants regular hours when it is false. Regular hours next to
 * `twentyfourseven: true` say nothing more, so they are not sent to 2.1.1.
 */
export function hoursTo211(hours: Hours): Hours211 {
  const { twentyfourseven, regular_hours, ...rest } = hours;
  return twentyfourseven
    ? { ...rest, twentyfourseven: true }
    : { ...rest, regular_hours: regular_hours ?? [] };
}

export function hoursTo221(hours: Hours211): Hours {
  const { twentyfourseven, regular_hours, ...rest } = hours;
  if (twentyfourseven === true) return { ...rest, twentyfourseven: true };
  return { ...rest, twentyfourseven: false, regular_hours: regular_hours ?? [] };
}
