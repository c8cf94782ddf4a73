/**
 * Meters through the API (`/api/v1/platform/meters`): the bodies and the view, one set of rules for
 * the gateway (which checks them at the door and documents them) and metering (which keeps them).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { METRIC_NAME, PROPERTY_NAME } from './usage-query.dto';
import { AGGREGATIONS, Aggregation, SOURCE_NAMES, SourceName } from './usage-metrics';

export const MAX_GROUP_BY = 3;
const MAX_FILTER_PROPERTIES = 10;
const MAX_FILTER_VALUES = 50;

/** `{<property>: [<value>, …]}`: property names as PROPERTY_NAME, 1–50 non-empty strings each. */
function IsMeterFilters(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMeterFilters',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_FILTER_PROPERTIES &&
          Object.entries(value).every(
            ([property, values]) =>
              PROPERTY_NAME.test(property) && Array.isArray(values) && values.length >= 1 && values.length <= MAX_FILTER_VALUES && values.every((v) => typeof v === 'string' && v.length >= 1 && v.length <= 200),
          ),
        defaultMessage: () => `filters must map up to ${MAX_FILTER_PROPERTIES} property names to 1-${MAX_FILTER_VALUES} allowed string values each`,
      },
    },
    options,
  );
}

/** What a meter is, apart from its key: the body of PUT /meters/{key}. */
export class MeterFieldsDto {
  @ApiProperty({ example: 'Documents processed', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({ example: 'documents', maxLength: 50, description: 'The unit of the meter value (limits are given in it)' })
  @IsString()
  @Length(1, 50)
  unit!: string;

  @ApiProperty({ enum: AGGREGATIONS, description: 'How a window aggregates: `sum` of values, `count` of events, `max` value, `latest` value (by timestamp), `unique` values of `valueProperty`. Cannot change once the meter has usage.' })
  @IsIn(AGGREGATIONS)
  aggregation!: Aggregation;

  @ApiPropertyOptional({
    example: 'pages',
    description: '`sum`/`max`/`latest`: the event property the value is read from (default: the event quantity); `unique`: the property whose distinct values are counted (required); not with `count`',
  })
  @IsOptional()
  @Matches(PROPERTY_NAME, { message: 'valueProperty must be a property name (letters, digits, _ and -, starting with a letter)' })
  valueProperty?: string;

  @ApiPropertyOptional({ example: { region: ['eu', 'us'] }, description: 'Only events whose properties carry one of the listed values are accepted for the meter (others are rejected `filter-mismatch`)' })
  @IsOptional()
  @IsMeterFilters()
  filters?: Record<string, string[]>;

  @ApiPropertyOptional({ example: ['region', 'model'], maxItems: MAX_GROUP_BY, description: 'Properties whose breakdown `GET …/usage?metric=<key>&groupBy=<property>` returns' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_BY)
  @ArrayUnique()
  @Matches(PROPERTY_NAME, { each: true, message: 'groupBy must hold property names (letters, digits, _ and -, starting with a letter)' })
  groupBy?: string[];

  @ApiPropertyOptional({ enum: SOURCE_NAMES, isArray: true, description: 'The sources that count towards limits and billing (default: every source that may record the meter; for a custom meter that is `reported`)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SOURCE_NAMES, { each: true })
  countedSources?: SourceName[];
}

/** The body of POST /meters. */
export class DefineMeterDto extends MeterFieldsDto {
  @ApiProperty({ example: 'documents_processed', description: 'The meter key events name as `metric` (lower case letters, digits and _, starting with a letter)' })
  @Matches(METRIC_NAME, { message: 'key must be lower case letters, digits and _, starting with a letter (at most 63)' })
  key!: string;
}

export class MeterViewDto {
  @ApiProperty() key!: string;
  @ApiProperty() description!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: AGGREGATIONS }) aggregation!: Aggregation;
  @ApiProperty({ nullable: true, type: String }) valueProperty!: string | null;
  @ApiProperty({ example: { region: ['eu'] } }) filters!: Record<string, string[]>;
  @ApiProperty({ type: [String] }) groupBy!: string[];
  @ApiProperty({ enum: SOURCE_NAMES, isArray: true, description: 'The sources that may record it' }) recordedBy!: string[];
  @ApiProperty({ enum: SOURCE_NAMES, isArray: true, description: 'The sources that count towards limits and billing' }) countedSources!: string[];
  @ApiProperty({ description: 'One of the six built-in meters: only description and countedSources can change' }) builtIn!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class MeterListDto {
  @ApiProperty({ type: [MeterViewDto] }) meters!: MeterViewDto[];
}
