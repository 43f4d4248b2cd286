/** Keystatic's app as a React component, for pages/editor.astro (dev only). */
import { makePage } from '@keystatic/astro/ui';
import config from './keystatic.config';

export const Keystatic = makePage(config);
