/** One collection run over every measurable tenant. */
export class CollectResourcesCommand {}
