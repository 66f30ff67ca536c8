import 'reflect-metadata';
import { ApiProperty } from '@nestjs/swagger';
import { dtoSchema } from './response-schema';

class Flat {
  @ApiProperty() id!: number;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: Date | null;
  @ApiProperty() done!: boolean;
  @ApiProperty({ type: [String] }) tags!: string[];
}

class Nested {
  @ApiProperty({ type: Flat }) flat!: Flat;
}

describe('dtoSchema', () => {
  it('describes every property of a flat DTO, with nullable ones and date-times', () => {
    expect(dtoSchema(Flat)).toEqual({
      type: 'object',
      required: ['id', 'note', 'at', 'closedAt', 'done', 'tags'],
      properties: {
        id: { type: 'number' },
        note: { type: ['string', 'null'] },
        at: { type: 'string', format: 'date-time' },
        closedAt: { type: ['string', 'null'], format: 'date-time' },
        done: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
  });

  it('refuses a DTO with nested objects rather than publish a wrong schema', () => {
    expect(dtoSchema(Nested)).toBeNull();
  });
});
