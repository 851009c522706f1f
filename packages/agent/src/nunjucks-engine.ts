/// <reference path="./nunjucks-browser.d.ts" />
import type NunjucksModule from 'nunjucks';
// nunjucks' own prebuilt bundle (what it lists as its `browser` entry): the same engine without
// the Node-only `require('events')`, `require('fs')` of its main entry. An application bundled
// as ESM (esbuild --format=esm) cannot turn those requires into imports and fails at start;
// this build has none. Kagura compiles templates from strings and needs no file loaders.
import nunjucks from 'nunjucks/browser/nunjucks.js';

/** The Nunjucks engine every Kagura template is compiled with. */
export const nunjucksEngine: typeof NunjucksModule = nunjucks;
