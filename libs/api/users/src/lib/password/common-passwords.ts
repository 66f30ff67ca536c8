/**
 * Passwords of 12+ characters that appear near the top of public breach corpora, plus the
 * product's own name. Shorter ones are already refused by the length rule. Compared lower-cased.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '123456789012', '1234567890123', '12345678901234', '123456789123', '123123123123', '111111111111', '000000000000',
  '121212121212', '112233445566', '123321123321', '147258369147', '987654321098', '098765432109', '1q2w3e4r5t6y',
  '1qaz2wsx3edc', 'qazwsxedcrfv', 'zaq12wsxcde3', 'qwertyuiopas', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456',
  'qwerty1234567', 'qwertyqwerty', 'asdfghjkl123', 'asdfasdfasdf', 'zxcvbnm12345', 'abcdefghijkl', 'abcdefg12345',
  'abc123456789', 'abcabcabcabc', 'aaaaaaaaaaaa', 'password1234', 'password12345', 'password123456', 'passwordpassword',
  'password1!password', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'password123!', 'password2024', 'password2025',
  'password2026', 'iloveyou1234', 'iloveyouiloveyou', 'letmein12345', 'letmeinletmein', 'welcome12345', 'welcome123456',
  'welcomewelcome', 'changeme1234', 'changeme12345', 'changemechangeme', 'administrator', 'administrator1', 'admin1234567',
  'adminadmin123', 'adminadminadmin', 'admin@123456', 'rootroot1234', 'superuser123', 'trustno1trustno1', 'sunshine1234',
  'princess1234', 'football1234', 'baseball1234', 'basketball12', 'dragon123456', 'monkey123456', 'master123456',
  'shadow123456', 'michael12345', 'jennifer1234', 'computer1234', 'internet1234', 'starwars1234', 'whatever1234',
  'qwerty12345678', 'mypassword123', 'mypassword1234', 'secretpassword', 'supersecret123', 'secret123456', 'default12345',
  'guest12345678', 'test12345678', 'testtesttest', 'test1234test', 'helloworld12', 'helloworld123', 'hello1234567',
  'summer2024!!', 'summer123456', 'winter123456', 'spring123456', 'autumn123456', 'january12345', 'december1234',
  'copilot12345', 'copilotcopilot', 'socfortress1', 'socfortress123', 'wazuhwazuh12', 'graylog12345',
  'correcthorsebatterystaple', 'ilovemyfamily', 'loveyouforever', 'thequickbrownfox', '1234qwerasdf', 'q1w2e3r4t5y6',
  'a1b2c3d4e5f6', '1a2b3c4d5e6f', 'passwordqwerty', 'qwertypassword', 'abcd1234abcd', '1234abcd1234', 'asdf1234asdf',
  'zaq1zaq1zaq1', 'xsw2xsw2xsw2', '!qaz2wsx3edc', '!qaz@wsx#edc', 'qwe123qwe123', 'asd123asd123', 'zxc123zxc123',
];
