import type { Notice, NoticeDetail, UnspscEntry } from '@/features/notices/types/notice';

// Notices as the server sends them; override what a test is about.

export function makeNotice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 12,
    public_id: 'ungm-273637',
    reference: 'RFQ/2024/50941',
    title: 'Supply of solar water pumps',
    title_language: 'en',
    description: 'Supply and installation of 40 solar-powered water pumps.',
    description_language: 'en',
    buyer: 'UNDP',
    buyer_id: undefined,
    type: 'rfq',
    status: 'active',
    procurement_method: 'open',
    main_category: 'goods',
    published: '2024-03-01T00:00:00Z',
    deadline: '2024-03-20T21:00:00Z',
    deadline_time_zone: 'America/New_York',
    countries: ['ET', 'YE'],
    unspsc: ['40151500', '43211503'],
    lots: [],
    estimated_value: { amount: '12345.50', currency: 'USD' },
    documents: [],
    contact: undefined,
    source: 'ungm',
    source_url: 'https://www.ungm.org/Public/Notice/273637',
    amendments: [],
    updated: '2024-03-02T10:00:00Z',
    ...overrides,
  };
}

export function makeNoticeDetail(overrides: Partial<NoticeDetail> = {}): NoticeDetail {
  return {
    ...makeNotice(),
    lots: [
      { id: '1', title: 'Pumps', description: undefined, status: 'active', value: { amount: '1500.00', currency: 'USD' } },
    ],
    documents: [
      {
        id: 'd1',
        title: 'Solicitation document',
        url: 'https://www.ungm.org/docs/d1.pdf',
        document_type: 'tenderNotice',
        format: 'application/pdf',
        language: 'en',
        published: '2024-03-01T00:00:00Z',
      },
      { id: 'd2', title: 'Bad link', url: 'javascript:alert(1)', document_type: undefined, format: undefined, language: undefined, published: undefined },
    ],
    contact: { name: 'Procurement Unit', email: 'procurement@example.org', telephone: '+1 212 555 0100', url: undefined, address: undefined },
    amendments: [{ id: 'a1', date: '2024-03-05T00:00:00Z', rationale: 'Deadline extended', description: undefined }],
    versions: [
      { version: 1, recorded_at: '2024-03-01T01:00:00Z', source: 'ungm', changed_fields: [] },
      { version: 2, recorded_at: '2024-03-05T01:00:00Z', source: 'ungm', changed_fields: ['deadline'] },
    ],
    ...overrides,
  };
}

export const UNSPSC: Record<string, UnspscEntry> = {
  '40000000': {
    code: '40000000',
    level: 'segment',
    titles: { en: 'Distribution and Conditioning Systems', fr: 'Systèmes de distribution et de conditionnement' },
    parent: undefined,
  },
  '40151500': {
    code: '40151500',
    level: 'class',
    titles: { en: 'Pumps', fr: 'Pompes', es: 'Bombas', zh: '泵' },
    parent: '40150000',
  },
  '43211503': {
    code: '43211503',
    level: 'commodity',
    titles: { en: 'Notebook computers', fr: 'Ordinateurs portables', es: 'Computadores portátiles', zh: '笔记本电脑' },
    parent: '43211500',
  },
};
