// Unit tests for the typo suggestions of the properties validator.
import { expect } from 'chai';
import { editDistance, nearest } from '../../../../daemon/kcl-properties/nearest-name';

describe('nearest-name', () => {
  it('measures edits between names', () => {
    expect(editDistance('streamname', 'streamname')).to.equal(0);
    expect(editDistance('streamnmae', 'streamname')).to.equal(2);
    expect(editDistance('', 'abc')).to.equal(3);
  });

  it('suggests the closest candidate ignoring case', () => {
    expect(nearest('StreamName', ['streamName', 'streamArn'])).to.equal('streamName');
    expect(nearest('shutdownGraceMilis', ['shutdownGraceMillis', 'failoverTimeMillis'])).to.equal(
      'shutdownGraceMillis',
    );
  });

  it('suggests nothing for a name unlike every candidate', () => {
    expect(nearest('completelyDifferent', ['streamName', 'regionName'])).to.equal(undefined);
  });
});
