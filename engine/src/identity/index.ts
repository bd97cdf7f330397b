export * from './identity.errors';
export * from './identity.module';
export * from './identity.schemas';
export * from './identity.service';
export { verifyAddressesAsOperator, type OperatorVerification } from './operator-verify';
