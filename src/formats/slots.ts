/**
 * Where each object sits on the GEO belt at the epoch (report `geoSlots`). Types only, kept apart
 * from the SGP4 code so that the library's published types do not pull in satellite.js's.
 */

/** Where a GEO object is and how it drifts. */
export interface GeoSlot {
  /** Geographic longitude east of the sub-satellite point at the epoch, deg in (-180, 180]. */
  longitudeDeg: number;
  /**
   * Drift of the longitude in the engine's two-body motion from this state, deg/day (east
   * positive): (n - Earth rate), n from the osculating semi-major axis.
   */
  driftDegPerDay: number;
  /** Osculating semi-major axis, m. */
  semiMajorAxisM: number;
  /** Inclination to the true equator, deg. */
  inclinationDeg: number;
}

/** The GEO slot of every object of a scenario: the target, then each spacecraft. */
export interface ObjectSlot extends GeoSlot {
  /** `target` or the spacecraft's id. */
  id: string;
  /** Element set epoch (ISO 8601 UTC) when the object comes from one, else null. */
  elementsEpoch: string | null;
  /** Element set's own drift from its mean motion, deg/day, when it has one. */
  elementsDriftDegPerDay: number | null;
}
