/**
 * Part of migration 0007 and frozen with it (migrations import nothing from modules): the education topics it seeded.
 * Original plain-language health education shipped with Lantern for the commonest conditions in the sample data.
 * Organisations edit these and add their own (staff admin → education topics). Written for this project; general
 * information, not advice for any one person.
 */
export interface SeedTopic {
  id: string;
  title: string;
  codes: string[];
  body: string;
}

const SCT = 'http://snomed.info/sct';

export const educationSeed: SeedTopic[] = [
  {
    id: 'sinus-infection',
    title: 'Sinus infections',
    codes: [`${SCT}|444814009`, `${SCT}|75498004`, `${SCT}|40055000`],
    body: `Your sinuses are small air spaces behind your cheeks, nose and forehead. When they swell, mucus cannot drain and you may feel pressure in your face, a stuffy nose, or thick yellow or green mucus.

## What usually helps
- Most sinus infections are caused by viruses and get better on their own in **7 to 10 days**. Antibiotics do not help a viral infection.
- Rinse your nose with salt water (saline) two or three times a day.
- Drink plenty of fluids and rest.
- A warm, damp cloth on your face can ease the pressure.

## Call us if
- you still feel unwell after 10 days, or you get better and then worse again;
- you have a high fever, a severe headache, swelling around your eyes, or a stiff neck.`,
  },
  {
    id: 'acute-bronchitis',
    title: 'Chest colds (acute bronchitis)',
    codes: [`${SCT}|10509002`],
    body: `Acute bronchitis is swelling of the airways in your lungs, usually after a cold. The main sign is a cough, sometimes with mucus, that can last **up to three weeks**.

## Caring for yourself
- Rest, drink fluids, and use a humidifier or breathe steam from a shower.
- Honey (for anyone over one year old) can soothe a cough.
- Do not smoke, and stay away from smoke.
- Antibiotics do not help most chest colds, because viruses cause them.

## Get care soon if
- you are short of breath or wheezing, you cough up blood, or you have a fever above 100.4 °F (38 °C) for more than three days;
- the cough lasts longer than three weeks.`,
  },
  {
    id: 'prediabetes',
    title: 'Prediabetes',
    codes: [`${SCT}|15777000`],
    body: `Prediabetes means your blood sugar is higher than normal, but not high enough to be diabetes. It is common, and it is a chance to act: many people bring their blood sugar back to normal.

## Small steps that make a difference
- **Move more**: aim for 30 minutes of brisk walking or similar activity on most days.
- **Lose a little weight** if you are above a healthy weight: losing 5 to 7 percent of your weight lowers your risk a lot.
- Choose water instead of sugary drinks, and fill half your plate with vegetables.
- Ask about a diabetes prevention programme near you.

Your care team will usually check your blood sugar again once a year.`,
  },
  {
    id: 'diabetes',
    title: 'Living with diabetes',
    codes: [`${SCT}|44054006`],
    body: `With diabetes, your body has trouble using sugar from food for energy, so sugar builds up in your blood. Over time, high blood sugar can harm your eyes, kidneys, nerves and heart. Good daily habits protect them.

## Every day
- Take your medicines as prescribed, and check your blood sugar if your care team asked you to.
- Eat regular meals; go easy on sweets, white bread and sugary drinks.
- Be active most days.
- Look at your feet for cuts or sores.

## Every year
- An eye exam, a kidney test, a foot check and a flu shot.

Call us if your blood sugar is often much higher or lower than your target.`,
  },
  {
    id: 'high-blood-pressure',
    title: 'High blood pressure',
    codes: [`${SCT}|38341003`],
    body: `Blood pressure is the force of blood against the walls of your arteries. High blood pressure usually has no symptoms, but it raises the risk of heart attack, stroke and kidney disease.

## What you can do
- Take your blood pressure medicine every day, even when you feel well.
- Eat less salt: most of it comes from packaged and restaurant food.
- Be active, limit alcohol, and do not smoke.
- If you check your blood pressure at home, sit quietly for five minutes first and write the numbers down to share at your visits.

Call 911 for chest pain, sudden weakness on one side, trouble speaking, or a severe headache.`,
  },
  {
    id: 'weight-and-health',
    title: 'Weight and your health',
    codes: [`${SCT}|162864005`],
    body: `Body mass index (BMI) compares your weight with your height. A BMI of 30 or more raises the chance of diabetes, high blood pressure, joint pain and sleep problems.

## Where to start
- Set one small goal at a time, such as a 10-minute walk after dinner.
- Drink water instead of sugary drinks.
- Eat slowly, and fill half your plate with vegetables.
- Sleep seven to nine hours.

Your care team can talk with you about nutrition programmes, medicines and other options.`,
  },
  {
    id: 'allergic-rhinitis',
    title: 'Hay fever (allergic rhinitis)',
    codes: [`${SCT}|232353008`, `${SCT}|446096008`],
    body: `Allergic rhinitis is your nose reacting to things like pollen, dust mites, mould or pet dander. It causes sneezing, a runny or stuffy nose, and itchy eyes.

## Feeling better
- Keep windows closed on high-pollen days and shower after being outdoors.
- Wash bedding in hot water every week.
- Salt-water nose rinses and over-the-counter allergy medicines help many people; ask your pharmacist which one suits you.

Ask your care team if your symptoms keep you from sleeping, working or going to school.`,
  },
  {
    id: 'sore-throat',
    title: 'Sore throat',
    codes: [`${SCT}|195662009`],
    body: `Most sore throats are caused by viruses and get better in about a week without antibiotics.

## Ease the pain
- Drink warm liquids or suck on ice chips.
- Gargle with warm salt water.
- Rest your voice.

## Call us if
- you have trouble breathing or swallowing, drooling, a rash, or a fever above 101 °F (38.3 °C);
- it lasts longer than a week.`,
  },
  {
    id: 'anemia',
    title: 'Anemia',
    codes: [`${SCT}|271737000`],
    body: `Anemia means your blood has fewer healthy red blood cells than it should, so less oxygen reaches your body. You may feel tired, weak, dizzy or short of breath.

## Common causes and care
- Too little iron is the most common cause. Foods rich in iron include beans, lentils, lean meat, and iron-fortified cereals; eating them with vitamin C (like orange juice) helps your body absorb iron.
- Take supplements only as your care team advises.

Tell us if you feel faint, have chest pain, or notice black or bloody stools.`,
  },
  {
    id: 'asthma',
    title: 'Asthma',
    codes: [`${SCT}|233678006`],
    body: `Asthma makes the airways in the lungs swell and tighten, which causes coughing, wheezing and shortness of breath.

## Staying in control
- Follow your asthma action plan, and take controller medicine every day if it was prescribed.
- Keep your quick-relief inhaler with you.
- Learn your triggers (smoke, colds, pollen, exercise, cold air) and plan around them.

## Get help right away if
- the quick-relief inhaler does not help, lips or fingernails look blue, or it is hard to talk. Call 911.`,
  },
  {
    id: 'migraine',
    title: 'Migraine',
    codes: [`${SCT}|124171000119105`],
    body: `A migraine is a strong headache, often on one side, that can come with nausea and sensitivity to light and sound.

## Helpful habits
- Keep a headache diary: note sleep, food, stress and, for women, your cycle, to find your triggers.
- Sleep and eat on a regular schedule, and drink enough water.
- At the first sign of a migraine, take the medicine your care team recommended and rest in a dark, quiet room.

Call 911 for the worst headache of your life, or a headache with weakness, confusion or trouble speaking.`,
  },
];
