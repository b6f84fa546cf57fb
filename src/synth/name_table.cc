// Author names of the synthetic corpus, by region (common given and family names; made-up combinations).
#include "synth/tables.h"

namespace entangle::synth {

const std::vector<NameRegion>& NameRegions() {
  static const std::vector<NameRegion> kRegions = {
      // 0 Chinese (pinyin)
      {{"Wei", "Jing", "Li", "Min", "Yang", "Hao", "Lei", "Xin", "Yu", "Jie", "Tao", "Chen", "Ying", "Jun", "Hui",
        "Qiang", "Yan", "Bo", "Fang", "Zhiwei", "Xiaoming", "Yifan", "Haoran", "Ziyi", "Shuai", "Peng", "Rui", "Kai"},
       {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
        "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Tang", "Han", "Cao", "Deng", "Feng"}},
      // 1 English
      {{"James", "Emma", "Oliver", "Sophie", "Thomas", "Charlotte", "William", "Hannah", "Daniel", "Lucy", "Jack",
        "Emily", "Samuel", "Grace", "Matthew", "Rachel", "Andrew", "Laura", "David", "Sarah"},
       {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Clarke", "Hughes"}},
      // 2 German
      {{"Lukas", "Anna", "Felix", "Lena", "Jonas", "Katharina", "Maximilian", "Julia", "Tobias", "Sophia", "Stefan",
        "Johanna", "Florian", "Miriam", "Matthias", "Christina"},
       {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann"}},
      // 3 French
      {{"Louis", "Camille", "Hugo", "Léa", "Antoine", "Chloé", "Julien", "Manon", "Nicolas", "Élodie", "Mathieu",
        "Pauline"},
       {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre",
        "Girard"}},
      // 4 Italian
      {{"Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Lorenzo", "Elena"},
       {"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"}},
      // 5 Iberian
      {{"Javier", "María", "Pablo", "Lucía", "Alejandro", "Carmen", "João", "Ana", "Miguel", "Inês"},
       {"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Silva", "Santos", "Pereira", "Costa"}},
      // 6 Nordic
      {{"Erik", "Ingrid", "Lars", "Astrid", "Mikkel", "Sofie", "Anders", "Freja", "Jukka", "Aino"},
       {"Andersson", "Johansson", "Nielsen", "Hansen", "Larsen", "Olsen", "Virtanen", "Korhonen", "Lindqvist",
        "Berg"}},
      // 7 Dutch / Flemish
      {{"Daan", "Sanne", "Bram", "Fleur", "Joris", "Eva", "Pieter", "Lotte"},
       {"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Peeters", "Janssens"}},
      // 8 Central / Eastern European
      {{"Piotr", "Katarzyna", "Tomáš", "Petra", "András", "Zsófia", "Andrei", "Elena", "Marko", "Ivana", "Jānis",
        "Tomas"},
       {"Nowak", "Kowalski", "Novák", "Svoboda", "Nagy", "Kovács", "Popescu", "Ionescu", "Horvat", "Kovačić",
        "Bērziņš", "Kazlauskas"}},
      // 9 Indian
      {{"Rahul", "Priya", "Amit", "Anjali", "Vikram", "Sneha", "Arjun", "Divya"},
       {"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair"}},
      // 10 Japanese
      {{"Haruto", "Yui", "Sota", "Aoi", "Takumi", "Sakura", "Kenji", "Yuki"},
       {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"}},
      // 11 Korean
      {{"Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Soo-ah"},
       {"Kim", "Lee", "Park", "Choi", "Jung", "Kang"}},
      // 12 Middle Eastern
      {{"Omar", "Layla", "Yosef", "Noa", "Ahmed", "Fatima", "Amir", "Dana"},
       {"Al-Harbi", "Haddad", "Cohen", "Levi", "Mansour", "Khalil", "Friedman", "Saleh"}},
      // 13 Greek / Cypriot
      {{"Georgios", "Maria", "Dimitrios", "Eleni", "Nikolaos", "Katerina"},
       {"Papadopoulos", "Georgiou", "Nikolaou", "Konstantinou", "Christodoulou", "Ioannou"}},
  };
  return kRegions;
}

}  // namespace entangle::synth
