import { derivePositionValues, latestEnd, selectPrimaryPosition } from '../../domain';
import { position } from './helpers';

const today = '2025-06-15';

describe('derivePositionValues', () => {
  it('no positions → all null', () => {
    expect(derivePositionValues([], today)).toEqual({
      employmentFrom: null,
      employmentTo: null,
      trialTo: null,
      noticeDate: null,
      jobTitle: null,
    });
  });

  it('employmentFrom is the earliest start, whatever the order', () => {
    const v = derivePositionValues(
      [position({ startDate: '2022-03-01' }), position({ startDate: '2019-08-15', primary: false }), position({ startDate: '2021-01-01' })],
      today,
    );
    expect(v.employmentFrom).toBe('2019-08-15');
  });

  it('employmentTo is the end of the position that ends last', () => {
    expect(
      latestEnd([
        position({ startDate: '2019-01-01', endDate: '2024-12-31' }),
        position({ startDate: '2023-01-01', endDate: '2023-06-30' }), // starts later but ends earlier
      ]),
    ).toBe('2024-12-31');
  });

  it('employmentTo is null while any position is open-ended', () => {
    expect(latestEnd([position({ startDate: '2019-01-01', endDate: null }), position({ startDate: '2023-01-01', endDate: '2023-06-30' })])).toBeNull();
  });

  it('uses the current primary position for trialTo, noticeDate and jobTitle', () => {
    const v = derivePositionValues(
      [
        position({ jobTitle: 'Junior', startDate: '2018-01-01', endDate: '2021-12-31', probationEndDate: '2018-07-01', primary: true }),
        position({ jobTitle: 'Senior', startDate: '2022-01-01', endDate: null, probationEndDate: '2022-04-01', noticeDate: '2025-05-01', primary: true }),
        position({ jobTitle: 'Side gig', startDate: '2024-01-01', probationEndDate: '2024-02-01', primary: false }),
      ],
      today,
    );
    expect(v).toMatchObject({ jobTitle: 'Senior', trialTo: '2022-04-01', noticeDate: '2025-05-01' });
  });

  it('a position ending today is still current', () => {
    const p = selectPrimaryPosition(
      [position({ jobTitle: 'Ends today', startDate: '2020-01-01', endDate: today }), position({ jobTitle: 'Next', startDate: '2025-07-01' })],
      today,
    );
    expect(p?.jobTitle).toBe('Ends today');
  });

  it('with no current primary position, the upcoming one (earliest future start) wins', () => {
    const v = derivePositionValues(
      [
        position({ jobTitle: 'Old', startDate: '2015-01-01', endDate: '2020-01-01', probationEndDate: '2015-06-01' }),
        position({ jobTitle: 'Later', startDate: '2026-01-01', probationEndDate: '2026-06-01' }),
        position({ jobTitle: 'Soon', startDate: '2025-08-01', probationEndDate: '2026-02-01' }),
      ],
      today,
    );
    expect(v).toMatchObject({ jobTitle: 'Soon', trialTo: '2026-02-01' });
  });

  it('with only past primary positions, the latest one wins', () => {
    const v = derivePositionValues(
      [
        position({ jobTitle: 'First', startDate: '2010-01-01', endDate: '2015-01-01', probationEndDate: '2010-06-01' }),
        position({ jobTitle: 'Last', startDate: '2016-01-01', endDate: '2024-12-31', probationEndDate: '2016-06-01', noticeDate: '2024-09-30' }),
      ],
      today,
    );
    expect(v).toMatchObject({ jobTitle: 'Last', trialTo: '2016-06-01', noticeDate: '2024-09-30', employmentTo: '2024-12-31' });
  });

  it('ignores non-primary positions when a primary exists, even if the primary is in the past', () => {
    const p = selectPrimaryPosition(
      [
        position({ jobTitle: 'Primary past', startDate: '2010-01-01', endDate: '2020-01-01', primary: true }),
        position({ jobTitle: 'Current secondary', startDate: '2021-01-01', primary: false }),
      ],
      today,
    );
    expect(p?.jobTitle).toBe('Primary past');
  });

  it('falls back to all positions when none is flagged primary', () => {
    const p = selectPrimaryPosition([position({ jobTitle: 'Only', primary: false })], today);
    expect(p?.jobTitle).toBe('Only');
  });

  it('of several current primary positions, the latest start wins', () => {
    const p = selectPrimaryPosition(
      [
        position({ jobTitle: 'A', startDate: '2020-01-01' }),
        position({ jobTitle: 'B', startDate: '2023-01-01' }),
        position({ jobTitle: 'C', startDate: '2021-01-01' }),
      ],
      today,
    );
    expect(p?.jobTitle).toBe('B');
  });

  it('depends on today', () => {
    const positions = [
      position({ jobTitle: 'A', startDate: '2020-01-01', endDate: '2024-12-31', probationEndDate: '2020-06-01' }),
      position({ jobTitle: 'B', startDate: '2025-01-01', probationEndDate: '2025-06-30' }),
    ];
    expect(derivePositionValues(positions, '2024-06-01').trialTo).toBe('2020-06-01');
    expect(derivePositionValues(positions, '2025-03-01').trialTo).toBe('2025-06-30');
  });
});
