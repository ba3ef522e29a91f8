import { RegisterAgreementHandler } from './register-agreement/register-agreement.handler.js';

export const AgreementCommandHandlers = [RegisterAgreementHandler];
