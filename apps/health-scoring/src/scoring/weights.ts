/** The weights of the five health components, from HEALTH_WEIGHTS (`activity=30,revenue=25,…`). */
export const COMPONENTS = ['activity', 'revenue', 'compliance', 'performance', 'satisfaction'] as const;
export type ComponentName = (typeof COMPONENTS)[number];
export type Weights = Record<ComponentName, number>;

export const DEFAULT_WEIGHTS = 'activity=30,revenue=25,compliance=15,performance=15,satisfaction=15';

/** Every component once, each an integer 0–100, at least one above 0; or the reason it is not. */
export function parseWeights(text: string): Weights | string {
  const weights: Partial<Weights> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\d{1,3})\s*$/.exec(part);
    if (!match) return `"${part}" is not name=weight (e.g. ${DEFAULT_WEIGHTS})`;
    const [, name, value] = match as unknown as [string, string, string];
    if (!(COMPONENTS as readonly string[]).includes(name)) return `"${name}" is not a component (${COMPONENTS.join(', ')})`;
    if (weights[name as ComponentName] !== undefined) return `"${name}" is given twice`;
    const weight = Number(value);
    if (weight > 100) return `the weight of ${name} must be 0 to 100`;
    weights[name as ComponentName] = weight;
  }
  const missing = COMPONENTS.filter((name) => weights[name] === undefined);
  if (missing.length > 0) return `must give every component a weight; missing: ${missing.join(', ')}`;
  if (COMPONENTS.every((name) => weights[name] === 0)) return 'at least one weight must be above 0';
  return weights as Weights;
}
