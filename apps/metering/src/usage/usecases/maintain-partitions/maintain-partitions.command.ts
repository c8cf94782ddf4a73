/** One pass of the dedup partition maintenance. */
export class MaintainPartitionsCommand {}
