'use strict';
// Durations the way a test writes them (300000, '500ms', '30s', '5m', '1h', '1d', 'PT5M') turned
// into the ISO-8601 form the control API takes, with bad input refused before any request.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SHORT = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
// java.time.Duration.parse's grammar: days, then T with hours, minutes, seconds (fraction allowed).
const ISO = /^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d{1,9})?S)?)?$/i;

/** `value` in milliseconds, or a TypeError naming `what`, the value and the forms allowed. */
function toMillis(value, what) {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
  } else if (typeof value === 'string') {
    const short = SHORT.exec(value.trim());
    if (short) return Math.round(Number(short[1]) * UNIT_MS[short[2]]);
    if (ISO.test(value) && !/T$/i.test(value) && value.length > 1) return isoMillis(value);
  }
  throw new TypeError(`${what} must be a duration: a whole number of milliseconds (300000), '500ms', '30s', '5m',`
    + ` '1h', '1d' or ISO-8601 such as 'PT5M'; got ${shown(value)}`);
}

/** ISO-8601 for the control API: `PT300S`, `PT0.5S`. */
function toIso(value, what) {
  const ms = toMillis(value, what);
  const seconds = (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `PT${seconds}S`;
}

function isoMillis(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i.exec(iso);
  const [, d = 0, h = 0, min = 0, s = 0] = m;
  return Math.round(Number(d) * UNIT_MS.d + Number(h) * UNIT_MS.h + Number(min) * UNIT_MS.m
    + Number(String(s).replace(',', '.')) * 1000);
}

/** How a received value reads in an error: strings quoted, numbers and others as they print. */
function shown(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

module.exports = { toMillis, toIso, shown };
