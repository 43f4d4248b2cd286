/** The components every lesson may use without importing them (see docs/formats.md). */
import Callout from './Callout.astro';
import Checkpoint from './Checkpoint.astro';
import Figure from './Figure.astro';
import KeyTerm from './KeyTerm.astro';
import LessonTable from './LessonTable.astro';
import Simulation from './Simulation.astro';
import SimulationMarker from './SimulationMarker.astro';
import ToothChart from './ToothChart.astro';

// `table` is Markdown's own element: lesson tables get a scrolling box (LessonTable).
export const lessonComponents = { Callout, Checkpoint, Figure, KeyTerm, Simulation, ToothChart, table: LessonTable };

/**
 * Components whose output depends on the request (the learner's own run of a case). A lesson body
 * is rendered once with markers in their place (`cacheComponents`) and they are rendered live on
 * every request (components/LessonBody.astro).
 */
export const liveComponents = { Simulation } as const;
export const cacheComponents = { ...lessonComponents, Simulation: SimulationMarker };
