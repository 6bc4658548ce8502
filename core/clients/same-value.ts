// Parsers differ in the prototypes of the objects they return (TOML tables have none); entries are
// compared as data.
import { isDeepStrictEqual } from 'node:util';

export const sameValue = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
