import type { ClientProfile } from './client-profile.ts';
import { contactId } from './contacts.ts';
import { DAY_MS, HOUR_MS, isoDate, isoDateTime } from './dates.ts';
import { Rng } from './prng.ts';
import { STREAM, type WorldContext } from './world-context.ts';
import type { CrmTask, TaskStatus } from './world-types.ts';

/** What a relationship manager's CRM tasks are about, with the details they would write down. */
const SUBJECTS: readonly (readonly [string, string | null])[] = [
  ['Актуализировать анкету клиента', 'Истёк срок обновления сведений по 115-ФЗ, запросить документы.'],
  ['Продлить доверенность главного бухгалтера', 'Срок доверенности на подпись платежей истекает.'],
  ['Предложить зарплатный проект', null],
  [
    'Запросить документы по валютному контролю',
    'Контракт поставлен на учёт, нужны подтверждающие документы.',
  ],
  ['Встреча по кредитной линии', 'Обсудить лимит и обеспечение.'],
  ['Перевыпустить токен для подписи', null],
  ['Перезвонить по вопросу тарифа', 'Клиент просит снизить комиссию за переводы.'],
  ['Проверить изменение реквизитов', 'Клиент сообщил о смене юридического адреса.'],
];

export function tasksOf(ctx: WorldContext, profile: ClientProfile): CrmTask[] {
  const clientId = ctx.ids.encode('client', profile.index);
  const tasks: CrmTask[] = [];
  for (let slot = 0; slot < profile.taskCount; slot++) {
    const rng = new Rng(ctx.seed, STREAM.task, profile.index, slot);
    const [subject, description] = rng.pick(SUBJECTS);
    const createdMs = ctx.untilMs - rng.int(1, 180) * DAY_MS + rng.int(7, 18) * HOUR_MS;
    const dueMs = createdMs + rng.int(1, 30) * DAY_MS;
    const status: TaskStatus =
      dueMs < ctx.untilMs
        ? rng.weighted<TaskStatus>([
            ['done', 80],
            ['open', 10],
            ['in-progress', 10],
          ])
        : rng.weighted<TaskStatus>([
            ['open', 50],
            ['in-progress', 35],
            ['done', 15],
          ]);
    tasks.push({
      id: ctx.ids.encode('task', profile.index, slot),
      clientId,
      contactId: rng.chance(0.7) ? contactId(ctx, profile.index, rng.int(0, profile.contactCount - 1)) : null,
      subject,
      description,
      status,
      createdAt: isoDateTime(createdMs),
      dueDate: isoDate(dueMs),
    });
  }
  return tasks;
}
