/** Russian identifiers: builders and validators, for the simulator, the sync service and the checkers. */
export {
  accountNumber,
  correspondentAccount,
  isValidAccountNumber,
  isValidCorrespondentAccount,
} from './account-number.ts';
export { isCentralBankBic, isValidBic } from './bic.ts';
export {
  individualInn,
  isValidIndividualInn,
  isValidInn,
  isValidLegalEntityInn,
  legalEntityInn,
} from './inn.ts';
export { isValidKpp, kpp } from './kpp.ts';
export { isValidOgrn, ogrn } from './ogrn.ts';
export { isValidOgrnip, ogrnip } from './ogrnip.ts';
export { formatSnils, isValidSnils, snils } from './snils.ts';
