import 'reflect-metadata';
import { IsInt, Min, validateSync } from 'class-validator';
import './validation-cache';

class Base {
  @IsInt()
  count!: number;
}

describe('the memoised validation metadata', () => {
  it('still validates, and picks up rules of classes declared after the first validation', () => {
    expect(validateSync(Object.assign(new Base(), { count: 'x' }))).toHaveLength(1);
    expect(validateSync(Object.assign(new Base(), { count: 3 }))).toHaveLength(0);

    class Later extends Base {
      @Min(10)
      size!: number;
    }
    const errors = validateSync(Object.assign(new Later(), { count: 1.5, size: 3 }));
    expect(errors.map((error) => error.property).sort()).toEqual(['count', 'size']);
    expect(validateSync(Object.assign(new Later(), { count: 2, size: 30 }))).toHaveLength(0);
  });
});
