import { managementPort } from './management-server';

describe(managementPort.name, () => {
  it.each([
    [3000, undefined, 4000],
    [3006, undefined, 4006],
    [0, undefined, 0],
    [65000, undefined, 0],
    [3000, 9464, 9464],
    [3000, 0, 0],
  ])('PORT %i, MANAGEMENT_PORT %s → %i', (port, management, expected) => {
    expect(managementPort({ PORT: port, MANAGEMENT_PORT: management })).toBe(expected);
  });
});
