import { DeputySeat } from './deputy-seat.entity';
import { MandateInstruction } from './instruction.entity';
import { MandateKey } from './mandate-key.entity';
import { Sortition } from './sortition.entity';
import { Volunteer } from './volunteer.entity';

export { DeputySeat, MandateInstruction, MandateKey, Sortition, Volunteer };

/** The deputies feature's entities, in dependency order. */
export const DEPUTIES_ENTITIES = [Volunteer, Sortition, DeputySeat, MandateKey, MandateInstruction];
