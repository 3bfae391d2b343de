/**
 * Drag handles in the 3D view (plan editor open) at every point of the plan's multi-waypoint
 * transfers (`waypoints` maneuvers, `points[k].positionM`, read from the text being edited).
 * Dragging one moves the point in its orbit-plane slice as a transfer target moves
 * (./TransferHandles.tsx): the edit goes through the text, so the run, autosave, share links and
 * undo follow; meshes are named `waypoint-handle-craft:maneuver:point`.
 */

import { waypointHandles } from '../model/handles.ts';
import { TransferHandles } from './TransferHandles.tsx';

/** Handles of every waypoint of the plan. */
export function WaypointHandles() {
  return <TransferHandles select={waypointHandles} name="waypoint-handles" />;
}
