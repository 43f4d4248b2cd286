/** The components every lesson may use without importing them (see docs/formats.md). */
import Callout from './Callout.astro';
import Checkpoint from './Checkpoint.astro';
import Figure from './Figure.astro';
import KeyTerm from './KeyTerm.astro';
import Simulation from './Simulation.astro';
import ToothChart from './ToothChart.astro';

export const lessonComponents = { Callout, Checkpoint, Figure, KeyTerm, Simulation, ToothChart };
