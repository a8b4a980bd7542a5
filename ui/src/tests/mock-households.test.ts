// The preview's mock book finds households as the core does (tests/books.rs,
// repeated_household_names_never_choose_the_wrong_household), so screenshots show true refusals.
import { describe, expect, it } from 'vitest';
import { MockBook } from '../mock/book';

describe('the mock book’s households of one name', () => {
  const book = new MockBook();
  const commune = (book.handle('list_communes', {}) as { name: string }[])[0].name;
  const add = (name: string, hamlet: string | null) => book.handle('add_household', { input: { commune, name, hamlet, status: null } });
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as { code: string; details: Record<string, unknown> };
    }
    throw new Error('not refused');
  };
  // why: findHousehold is private; the handout that uses it needs stock, which is beside the point.
  const find = (typed: string) =>
    (book as unknown as { findHousehold: (c: { id: number; name: string }, t: string) => { name: string; hamlet: string | null } }).findHousehold(
      { id: 1, name: commune },
      typed,
    );
  add('Phương Văn Tám', 'Phú Hiệp');
  add('Phương Văn Tám', 'Phú Lợi');
  add('Lê Văn Chín', null);
  add('Lê Văn Chín', 'Phú Lợi');
  add('Nguyễn Văn Mười', 'Phú Lợi');
  add('Nguyễn Văn Mừơi', 'Phú Lợi');

  it('refuses the bare name, reads the hamlet and “chưa có ấp”, and never takes a look-alike', () => {
    expect(refusal(() => find('le van chin'))).toMatchObject({
      code: 'same_name_household',
      details: { candidates: 'Lê Văn Chín (chưa có ấp), Lê Văn Chín (Phú Lợi)', example: 'Lê Văn Chín (Phú Lợi)' },
    });
    expect(find('Lê Văn Chín (chưa có ấp)').hamlet).toBeNull();
    expect(find('le  van chin (phu loi)').hamlet).toBe('Phú Lợi');
    expect(refusal(() => find('Văn Tám')).code).toBe('unknown_household');
    expect(refusal(() => find('Phương Văn Tám (Vĩnh Lộc)'))).toMatchObject({
      code: 'household_not_in_hamlet',
      details: { hamlets: 'Phú Hiệp, Phú Lợi' },
    });
    expect(refusal(() => find('nguyen van muoi')).code).toBe('ambiguous_name');
    expect(find('Nguyễn Văn Mười').name).toBe('Nguyễn Văn Mười');
    expect(refusal(() => find('Nguyễn Văn Mưới')).code).toBe('unknown_household');
  });

  it('refuses a second household of one name in one hamlet', () => {
    expect(refusal(() => add('nguyễn văn mười', 'Phú Lợi'))).toMatchObject({
      code: 'duplicate_household',
      details: { label: 'Nguyễn Văn Mười (Phú Lợi)' },
    });
  });
});
