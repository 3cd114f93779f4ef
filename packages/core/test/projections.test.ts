import { memoryReadModels, memoryStore } from '@planlog/core';
import { describeReadModels } from '@planlog/core/testing';

describeReadModels('memory', () => ({ store: memoryStore(), readModels: memoryReadModels() }));
