/* global module */
/**
 * strip-bom for jest: @microsoft/app-manifest requires it, but its current release is an ES
 * module only, which jest's CommonJS loader cannot require on Node 20 (plain Node 20.19+ can).
 * The same one-line behaviour: drop a leading byte-order mark.
 */
module.exports = function stripBom(text) {
  if (typeof text !== 'string') throw new TypeError(`Expected a string, got ${typeof text}`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};
