export { FakeVirusTotal, type FakeVirusTotalOptions } from './fake-virustotal';
export { EICAR, seedVirusTotalObjects, type FakeVtObject, type VtObjectType } from './virustotal-seed';
