/**
 * The DOM layer over the canvas that holds scene labels (HTML text stays crisp, needs no font
 * file, and is readable by tests). `SceneCanvas` provides it; `SceneLabel` places labels in it.
 */

import { createContext } from 'react';

/** The element labels are appended to (null until the canvas wrapper is mounted). */
export const LabelLayerContext = createContext<HTMLElement | null>(null);
