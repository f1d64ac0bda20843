/**
 * Test support: a contacts CSV of three own contacts with consent (Paris, Boulogne, Lyon) and
 * one bad row, for the API tests of imports, audiences and campaigns.
 */
export const contactsCsv = [
  'phone,first_name,last_name,postal_code,birth_year,gender,consent_basis,consent_mechanism,consent_wording,consent_collected_at,consent_source,consent_form_url',
  '0612345678,Jean,Dupont,75011,1980,M,opt_in,unticked_checkbox,J’accepte,2026-03-01T10:00:00Z,first_party,https://d.example/f',
  '0698765432,Anne,Lee,92100,1975,F,opt_in,double_opt_in,Oui,2026-05-01,first_party,https://d.example/f',
  '0744556677,Paul,Roux,69003,1990,M,opt_in,unticked_checkbox,Oui,2026-05-01,first_party,https://d.example/f',
  'not-a-number,Bad,Row,75011,,,opt_in,unticked_checkbox,Oui,2026-05-01,first_party,',
  '',
].join('\n');
