/** The components every lesson may use without importing them (see docs/formats.md). */
import Callout from './Callout.astro';
import Checkpoint from './Checkpoint.astro';
import Figure from './Figure.astro';
import KeyTerm from './KeyTerm.astro';
import LessonTable from './LessonTable.astro';
import Simulation from './Simulation.astro';
import ToothChart from './ToothChart.astro';

// `table` is Markdown's own element: lesson tables get a scrolling box (LessonTable).
export const lessonComponents = { Callout, Checkpoint, Figure, KeyTerm, Simulation, ToothChart, table: LessonTable };
