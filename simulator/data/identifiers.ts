/** Russian identifiers: builders and validators, for the simulator, the sync service and the checkers. */
export {
  accountNumber,
  correspondentAccount,
  isValidAccountNumber,
  isValidCorrespondentAccount,
} from '../../contracts/ru/account-number.ts';
export { isCentralBankBic, isValidBic } from '../../contracts/ru/bic.ts';
export {
  individualInn,
  isValidIndividualInn,
  isValidInn,
  isValidLegalEntityInn,
  legalEntityInn,
} from '../../contracts/ru/inn.ts';
export { isValidKpp, kpp } from '../../contracts/ru/kpp.ts';
export { isValidOgrn, ogrn } from '../../contracts/ru/ogrn.ts';
export { isValidOgrnip, ogrnip } from '../../contracts/ru/ogrnip.ts';
export { formatSnils, isValidSnils, snils } from './snils.ts';
