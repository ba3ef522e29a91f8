import { AddCoalitionMemberHandler } from './add-coalition-member/add-coalition-member.handler.js';
import { EndCoalitionMembershipHandler } from './end-coalition-membership/end-coalition-membership.handler.js';
import { FormCoalitionHandler } from './form-coalition/form-coalition.handler.js';

export const CoalitionCommandHandlers = [FormCoalitionHandler, AddCoalitionMemberHandler, EndCoalitionMembershipHandler];
